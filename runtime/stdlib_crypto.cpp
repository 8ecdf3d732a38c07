//===- runtime/stdlib_crypto.cpp - crypto's assembly-only markers ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Package crypto/internal/boring/sig declares BoringCrypto, FIPSOnly and
// StandardCrypto without bodies: "code signatures" whose calls leave a
// recognisable byte sequence in a gc binary (sig_amd64.s) and do nothing
// else (sig_other.s is a bare RET). Here they are the no-ops they are at
// run time, with the Go calling convention of libgort/abi.h.
//
// The rest of crypto's assembly is not supplied: the overlays of
// runtime/overlay/crypto put the packages' portable implementations in
// place of the files that bind to it, and the loader's `purego` tag selects
// the portable files of the packages that offer one (docs/overview.md,
// "Overlays"). golang.org/x/sys/cpu's cpuid and xgetbv are internal/cpu's
// (cpu_amd64.S).
//
//===----------------------------------------------------------------------===//

extern "C" {
void sigBoringCrypto(void *) __asm__("crypto/internal/boring/sig.BoringCrypto");
void sigFIPSOnly(void *) __asm__("crypto/internal/boring/sig.FIPSOnly");
void sigStandardCrypto(void *) __asm__(
    "crypto/internal/boring/sig.StandardCrypto");

void sigBoringCrypto(void *) {}
void sigFIPSOnly(void *) {}
void sigStandardCrypto(void *) {}
}
