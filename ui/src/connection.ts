// Reading a Connection (generated from Rust's `psa_core::connection`) without caring which PSA it is for.
import type { Connection } from "./bindings.gen";

/** Who signs in: the Autotask username or the ConnectWise public key. */
export const loginOf = (c: Connection): string => (c.psa === "connectwise" ? c.publicKey : c.username);

/** The vendor's identifier: the Autotask integration code or the ConnectWise clientId. */
export const identifierOf = (c: Connection): string => (c.psa === "connectwise" ? c.clientId : c.integrationCode);
