#!/usr/bin/env bash
# Starts the PSA Connect desktop app. Installs what is missing first (scripts/setup.sh), builds the UI and the app.
#   bash scripts/start.sh           the app, talking to the real Autotask
#   bash scripts/start.sh --demo    also starts the Autotask and ConnectWise simulators on 127.0.0.1 and points the app at them
#   SIM_PORT=8787 CW_SIM_PORT=8788  ports for the simulators in demo mode (default: free ones)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

demo=0
for arg in "$@"; do
    case "$arg" in
        --demo) demo=1 ;;
        -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option: $arg" "use --demo, or no option (see --help)" ;;
    esac
done

source "$REPO_ROOT/scripts/setup.sh"
cd "$REPO_ROOT"

section "UI: build (npm run build)"
(cd ui && npm run build)

section "app: build (cargo build, UI embedded)"
FEATURE="psa-connect-app/$(app_custom_protocol_feature)"
targets=(-p psa-connect-app)
# One cargo run for the app and the simulator: shared crates are resolved and compiled once.
if [[ $demo -eq 1 ]]; then targets+=(-p psa-sim --bin psa-connect-app --bin psa-sim); fi
cargo build --locked "${targets[@]}" --features "$FEATURE"
APP="$REPO_ROOT/target/debug/psa-connect-app"
[[ -x "$APP" ]] || die "the app binary $APP is missing after the build" "run: cargo build -p psa-connect-app --features custom-protocol"

sim_pid=""
cleanup() {
    if [[ -n "$sim_pid" ]]; then kill "$sim_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ $demo -eq 1 ]]; then
    section "demo: start the Autotask and ConnectWise simulators"
    port="${SIM_PORT:-$(free_port)}"
    cw_port="${CW_SIM_PORT:-$(free_port)}"
    sim_log="$REPO_ROOT/target/psa-sim.log"
    "$REPO_ROOT/target/debug/psa-sim" --port "$port" --cw-port "$cw_port" >"$sim_log" 2>&1 &
    sim_pid=$!
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        kill -0 "$sim_pid" 2>/dev/null || { cat "$sim_log" >&2; die "the simulator exited at start" "see the lines above; is port $port taken? set SIM_PORT to another one"; }
        sleep 0.1
    done
    export PSA_CONNECT_AUTOTASK_ZONE_URL="http://127.0.0.1:$port/ATServicesRest/"
    export PSA_CONNECT_CONNECTWISE_CLOUD_URL="http://127.0.0.1:$cw_port/"
    # The simulated vendor's integration code and clientId come from the simulators' vendor pack, as a real
    # vendor's would: nothing is compiled into the app, and the partner types only username and secret.
    export PSA_CONNECT_PACK="$REPO_ROOT/tests/fixtures/sim-vendor.psapack.toml"
    echo
    # The simulator listens before it has written its listing: wait for the listing's last line, so the
    # demo logins are there to read (not an empty heading).
    for _ in $(seq 100); do
        grep -q '^Ctrl-C to stop\.$' "$sim_log" 2>/dev/null && break
        kill -0 "$sim_pid" 2>/dev/null || { cat "$sim_log" >&2; die "the simulator exited at start" "see the lines above"; }
        sleep 0.1
    done
    echo "Demo mode: the app talks to the simulator, not to Autotask. What the simulator offers:"
    sed '/^Ctrl-C to stop\.$/d' "$sim_log"
    echo
    echo "PSA_CONNECT_AUTOTASK_ZONE_URL=$PSA_CONNECT_AUTOTASK_ZONE_URL"
    echo "PSA_CONNECT_CONNECTWISE_CLOUD_URL=$PSA_CONNECT_CONNECTWISE_CLOUD_URL"
    echo "PSA_CONNECT_PACK=$PSA_CONNECT_PACK (vendor pack \"Simulated Vendor\": the vendor templates' integration code and clientId)"
    echo "Vendor templates: type only the username and secret. Custom: also type the integration code above as your own."
fi

section "app: running (close the window to stop)"
print_timings
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    # A server without a screen: run on a virtual one, with its own D-Bus session and keyring, so the app
    # still starts fully (screenshots: DISPLAY=<shown below> import -window root shot.png).
    echo "No display here (DISPLAY is empty): starting the app on a virtual screen (Xvfb). Stop it with Ctrl+C."
    WITH_SESSION_XVFB=always bash "$REPO_ROOT/scripts/with-session.sh" "$APP"
else
    "$APP"
fi
