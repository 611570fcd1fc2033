#!/usr/bin/env bash
# Writes src-tauri/first-screen.ld: the functions of PSA Connect's own binary that a launch runs up to its
# first screen, which release builds on Linux gather at the start of the code (see src-tauri/build.rs for
# why). Run it after a change that alters what start-up runs (new plugin, new first-screen command,
# dependency upgrade that renames functions), then `bash scripts/bench-app.sh` to see the effect. A stale
# list is never wrong, only less effective: a function missing from it stays in the ordinary code section.
#
# How: the release build (target/release) linked once without the layout and with a link map, launched under
# valgrind's callgrind twice, to the wizard's first step (no saved connections) and to the home screen (three
# saved connections, imported from a test fixture). Every function of the binary that either launch ran, up
# to a few seconds after the first screen reports ready, becomes one pattern of the script. Takes about 12
# minutes on 2 cores the first time (the release build), 5 minutes after; the next release build relinks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

APP="$REPO_ROOT/target/release/psa-connect-app"
MAP="$REPO_ROOT/target/release/first-screen.map"
OUT="$REPO_ROOT/src-tauri/first-screen.ld"

if [[ "${1:-}" == "--launch" ]]; then
    # Inside the session (Xvfb, D-Bus, keyring): $2 = callgrind output file, $3 = "saved" for the home screen.
    data=$(mktemp -d) logs=$(mktemp -d)
    export PSA_CONNECT_DATA_DIR="$data" PSA_CONNECT_LOG_DIR="$logs" PSA_CONNECT_KEYCHAIN_NAMESPACE=test:first-screen
    if [[ "${3:-}" == "saved" ]]; then
        "$REPO_ROOT/target/release/psa-connect" profile import tests/fixtures/format-v1/export.json >/dev/null
    fi
    # Every instruction's own address (--dump-instr, uncompressed), so each function that ran is seen even
    # in a binary without symbols.
    valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --callgrind-out-file="$2" "$APP" \
        >/dev/null 2>"$2.log" &
    pid=$!
    for _ in $(seq 1 180); do
        sleep 1
        grep -rqs "first screen interactive" "$logs" && break
    done
    grep -rqs "first screen interactive" "$logs" || { kill -KILL "$pid"; die "no first screen within 180 s under valgrind" "see $2.log"; }
    sleep 3
    kill -TERM "$pid"
    wait "$pid" || true
    rm -rf "$data" "$logs"
    exit 0
fi

command -v valgrind >/dev/null || die "valgrind is not installed" "sudo apt-get install valgrind"

section "UI: build (npm run build), as the release app embeds it"
(cd ui && npm run build)

section "app: the release build itself, without the layout, with a link map"
# The very build partners get (same profile, same features, the app on its own), so its functions are the
# ones the list must name: a build with other settings has other crate hashes, and LTO then inlines a few
# functions differently. Only the link changes: no layout (src-tauri/build.rs says why) and a map of where
# the linker put each function, which names the code callgrind saw in this stripped binary.
PSA_CONNECT_DEFAULT_LAYOUT=1 PSA_CONNECT_LINK_MAP="$MAP" \
    cargo build --release --locked -p psa-connect-app --features "$(app_custom_protocol_feature)"
section "CLI: release build (it saves the home screen's connections)"
cargo build --release --locked -p psa-cli

profiles="$(mktemp -d)"
for scenario in step1 saved; do
    section "launch under callgrind to the first screen: $scenario"
    WITH_SESSION_XVFB=always bash scripts/with-session.sh \
        bash "${BASH_SOURCE[0]}" --launch "$profiles/$scenario.out" "$scenario"
done

section "write $OUT"
# Which of the map's function sections ("<object>:(.text.<name>)") hold an address callgrind saw run in the
# app's own file ("ob=" says which file the lines below it are about). Then a pattern per function: a v0 name
# whole except its crate disambiguators (Cs<hash>_), which change with every compiler and dependency
# version, and its back-references (B<offset>_), which are positions in the name and move when a
# disambiguator is one character shorter; it stops before the instantiating crate (which of the crates that
# use a generic function holds its copy) and LTO's numbered suffix (".1986"), which also vary, and ends in
# "*". A C function's name is its own pattern. ".text.*" takes the function wherever LLVM filed it:
# ".text.<name>", or ".text.unlikely.<name>" for a cold one (a vector growing, a table rehashing).
perl -e '
    # The v0 name read token by token: an identifier is skipped whole by its length prefix, so a "Cs" or a
    # "B" inside one ("CspDirectiveSources", "Builder") is left alone.
    sub pattern {
        my ($n) = @_;
        $n =~ s/\.[0-9A-Za-z.]+$//;
        my @t;
        my ($i, $len) = (2, length $n);
        while ($i < $len) {
            my $rest = substr($n, $i);
            my $after_impl = @t && $t[-1][0] eq "tag" && $t[-1][1] =~ /^[MXY]$/;
            if ($rest =~ /^(s[0-9A-Za-z]{0,3}_)(\d?)/ && ($after_impl || $2 ne "")) {
                push @t, ["dis", $1]; $i += length $1;           # an impl or closure disambiguator: stable
            } elsif ($rest =~ /^(\d+)(_?)/) {
                my $take = length($1) + length($2) + $1;
                push @t, ["id", substr($n, $i, $take)]; $i += $take;
            } elsif ($rest =~ /^(Cs[0-9A-Za-z]*_)/) {
                push @t, ["crate", "Cs*_"]; $i += length $1;
            } elsif ($rest =~ /^(B[0-9A-Za-z]*_)/) {
                push @t, ["back", "B*_"]; $i += length $1;
            } else {
                push @t, ["tag", substr($n, $i, 1)]; $i++;
            }
        }
        # A function path ends in an identifier or a generic argument list ("E"): a back-reference or a
        # crate root after it is the instantiating crate.
        if (@t && $t[-1][0] eq "back") { pop @t }
        elsif (@t >= 2 && $t[-2][0] eq "crate" && $t[-1][0] eq "id") { splice @t, -2 }
        return "_R" . join("", map { $_->[1] } @t) . "*";
    }
    my ($map, @profiles) = @ARGV;
    my (@start, @end, @name);
    open my $m, "<", $map or die "$map: $!";
    while (<$m>) {
        next unless /^\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S*:\((\.text\.[^)]+)\)$/;
        push @start, hex $1; push @end, hex($1) + hex($2); push @name, $3;
    }
    my @order = sort { $start[$a] <=> $start[$b] } 0 .. $#start;
    @start = @start[@order]; @end = @end[@order]; @name = @name[@order];
    my (%obs, $ours, $beyond, %ran);
    for my $file (@profiles) {
        open my $p, "<", $file or die "$file: $!";
        while (<$p>) {
            if (/^(c?)ob=\((\d+)\)(?: (.*))?$/) {
                my ($call, $id, $file) = ($1, $2, $3);
                $obs{$id} = $file if defined $file;
                if ($call eq "") {
                    my $in = $obs{$id} // "";
                    $ours = $in =~ m{/psa-connect-app$};
                    # An address past the end of the file callgrind names cannot be in that file: a GLib
                    # signal handler entered through libffi (the navigation handler) is counted under libffi.
                    $beyond = -s $in;
                }
                next;
            }
            next unless /^(0x[0-9a-f]+)\s/;
            my $at = hex $1;
            next unless $ours || ($beyond && $at >= $beyond);
            my ($lo, $hi) = (0, $#start);
            while ($lo < $hi) { my $mid = int(($lo + $hi + 1) / 2); if ($start[$mid] <= $at) { $lo = $mid } else { $hi = $mid - 1 } }
            $ran{$name[$lo]} = 1 if $start[$lo] <= $at && $at < $end[$lo];
        }
    }
    die "no function of the app was seen running: is the map from the profiled binary?\n" unless %ran;
    my %patterns;
    for (keys %ran) {
        s/^\.text\.(?:unlikely\.|hot\.|startup\.)?//;
        next if $_ eq "" || /^(?:main|_start|_init|_fini|startup|unlikely|hot)$/;
        if (/^_R/) {
            $_ = pattern($_);
        } elsif (!/^[A-Za-z_][A-Za-z0-9_.]*$/) {
            next;
        }
        $patterns{$_} = 1;
    }
    print "      .text.*$_\n" for sort keys %patterns;
' "$MAP" "$profiles"/*.out > "$profiles/patterns"
{
    echo "/* Made by scripts/first-screen-layout.sh from callgrind launches of $(git rev-parse --short HEAD): do not edit."
    echo "   The functions PSA Connect's binary runs up to its first screen, gathered before the rest of the code"
    echo "   (src-tauri/build.rs says why). */"
    echo "SECTIONS {"
    echo "  .text.first_screen : {"
    echo "    *("
    cat "$profiles/patterns"
    echo "    )"
    echo "  }"
    echo "} INSERT BEFORE .text;"
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
printf '%s functions (patterns) written to %s\n' "$(wc -l < "$profiles/patterns")" "$OUT"
rm -rf "$profiles"
print_timings
