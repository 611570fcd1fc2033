# Shared helpers for the scripts in this folder. Sourced, never run on its own.
# shellcheck shell=bash
[[ -n "${_PSA_LIB_LOADED:-}" ]] && return 0
_PSA_LIB_LOADED=1

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Every script builds without incremental caches: a test run compiles each crate once, and the caches took
# 2.8 GB of a clean run's disk. The same setting in every script, since cargo counts it in a build's identity:
# mixed, a script would rebuild what another built. (A bare `cargo test` by hand uses the caches, and so
# recompiles the workspace's own crates once after a script, or the other way round.)
export CARGO_INCREMENTAL=0

_SCRIPT_T0=$(date +%s)
_SECTION_NAME=""
_SECTION_T0=0
# "name seconds" lines, printed as a table by print_timings.
_SECTION_LOG=()

_close_section() {
    if [[ -n "$_SECTION_NAME" ]]; then
        local took=$(( $(date +%s) - _SECTION_T0 ))
        _SECTION_LOG+=("$(printf '%-60s %5ss' "$_SECTION_NAME" "$took")")
        printf '   ... %s took %ss\n' "$_SECTION_NAME" "$took"
        _SECTION_NAME=""
    fi
}

# section "Name": closes the previous section (printing its time) and opens the next one.
section() {
    _close_section
    _SECTION_NAME="$1"
    _SECTION_T0=$(date +%s)
    # Free disk on every header: when a build fills the disk, the log shows where it went.
    printf '\n==> [%s +%ss, %s free] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - _SCRIPT_T0 ))" \
        "$(df -Ph "$REPO_ROOT" 2>/dev/null | awk 'NR == 2 {print $4}')" "$1"
}

print_timings() {
    _close_section
    printf '\nTime per section:\n'
    local line
    for line in "${_SECTION_LOG[@]}"; do printf '   %s\n' "$line"; done
    printf '   %-60s %5ss\n' "total" "$(( $(date +%s) - _SCRIPT_T0 ))"
}

# die "what went wrong" "what to do": stops the script with both lines, loudly.
die() {
    printf '\n!!! FAILED: %s\n' "$1" >&2
    if [[ -n "${2:-}" ]]; then printf '!!! What to do: %s\n' "$2" >&2; fi
    exit 1
}

# Reports the failing command and section when `set -e` stops a script.
_on_err() {
    local rc=$? cmd=$BASH_COMMAND
    printf '\n!!! FAILED (exit %s) in section "%s": %s\n' "$rc" "${_SECTION_NAME:-start}" "$cmd" >&2
    printf '!!! Scroll up to the first error above this line; fix it and run the script again.\n' >&2
}
trap _on_err ERR

# as_root CMD...: runs as root directly, through sudo otherwise.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $*" "run this script as root, or install sudo and give this user sudo rights"
    fi
}

# The cargo feature that makes the app serve ui/dist instead of a dev server (see src-tauri/Cargo.toml).
app_custom_protocol_feature() {
    if grep -qE '^\s*custom-protocol\s*=' "$REPO_ROOT/src-tauri/Cargo.toml"; then
        echo "custom-protocol"
    else
        echo "tauri/custom-protocol"
    fi
}

# A free TCP port on 127.0.0.1 (asks the kernel; the tiny race until it is used is fine for scripts).
free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
