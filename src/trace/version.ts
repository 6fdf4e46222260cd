/**
 * What `version` prints. The oracle prints the kernel and Debian package it was built from
 * (`linux-6.12.117 debian-6.12.117-1~deb12u1`); maple-check prints its own name and the kernel
 * release its tree follows, so the line always differs from the oracle's by design.
 */
export const TRACE_VERSION = "maple-check-0.1.0 model-of linux-6.12";
