// The keychain self-test runs once per app run: the home screen and the secret step share its answer, so a
// slow or prompting keychain is asked only once.
import { useEffect, useState } from "preact/hooks";
import type { PsaError } from "../bindings.gen";
import * as ipc from "../ipc";

let pending: Promise<PsaError | null> | null = null;

/** Resolves to null when the keychain works, else to the error it failed with. Never rejects. */
export function checkKeychain(): Promise<PsaError | null> {
  if (!pending) {
    pending = ipc.keychainStatus().then(
      () => null,
      (e: PsaError) => e,
    );
  }
  return pending;
}

/** Forgets the answer; tests call it when they install a fresh IPC mock (a new "app run"). */
export function resetKeychainCheck() {
  pending = null;
}

/** The shared answer as component state: null until known and when the keychain works. */
export function useKeychainError(): PsaError | null {
  const [error, setError] = useState<PsaError | null>(null);
  useEffect(() => {
    let alive = true;
    void checkKeychain().then((e) => {
      if (alive) setError(e);
    });
    return () => {
      alive = false;
    };
  }, []);
  return error;
}
