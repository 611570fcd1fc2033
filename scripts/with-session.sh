#!/usr/bin/env bash
# with-session.sh CMD [ARGS...]
# Runs CMD inside a throwaway desktop session: its own D-Bus session bus, an unlocked gnome-keyring
# (Secret Service) whose files live in a temp dir, and, when there is no display, its own Xvfb screen.
# Used by test.sh (keychain and end-to-end tests), bench-app.sh, and start.sh on a headless machine.
#   WITH_SESSION_XVFB=always|auto|never   (default auto: only when DISPLAY and WAYLAND_DISPLAY are empty)
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

if [[ -z "${_WITH_SESSION_INNER:-}" ]]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        command -v "$tool" >/dev/null 2>&1 ||
            { echo "!!! $tool is missing: run 'bash scripts/setup.sh' (packages dbus-daemon, gnome-keyring)" >&2; exit 1; }
    done
    # Keyring files go to XDG_DATA_HOME (never change HOME: rustup and cargo live there).
    KR_DIR=$(mktemp -d "${TMPDIR:-/tmp}/psa-keyring.XXXXXX")
    trap 'rm -rf "$KR_DIR"' EXIT
    rc=0
    _WITH_SESSION_INNER=1 XDG_DATA_HOME="$KR_DIR" dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@" || rc=$?
    exit "$rc"
fi

# Inside the new session bus from here on.
unset _WITH_SESSION_INNER
printf 'psa-connect-ci-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null

mode="${WITH_SESSION_XVFB:-auto}"
if [[ "$mode" == "always" || ( "$mode" == "auto" && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ) ]]; then
    command -v Xvfb >/dev/null 2>&1 || { echo "!!! Xvfb is missing: run 'bash scripts/setup.sh' (package xvfb)" >&2; exit 1; }
    # -displayfd lets Xvfb pick a free display itself: no races with other sessions on this machine.
    dfile=$(mktemp "${TMPDIR:-/tmp}/psa-xvfb.XXXXXX")
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$dfile" >/dev/null 2>&1 &
    xvfb_pid=$!
    trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -f "$dfile"' EXIT
    for _ in $(seq 100); do
        [[ -s "$dfile" ]] && break
        kill -0 "$xvfb_pid" 2>/dev/null || { echo "!!! Xvfb exited at start" >&2; exit 1; }
        sleep 0.1
    done
    [[ -s "$dfile" ]] || { echo "!!! Xvfb did not start within 10 s" >&2; exit 1; }
    export DISPLAY=":$(head -n1 "$dfile")"
    unset WAYLAND_DISPLAY
    echo "with-session: Xvfb on DISPLAY=$DISPLAY, D-Bus session and unlocked keyring ready" >&2
else
    echo "with-session: using DISPLAY=${DISPLAY:-} ${WAYLAND_DISPLAY:-}; D-Bus session and unlocked keyring ready" >&2
fi

rc=0
"$@" || rc=$?
exit "$rc"
