// gortc overlay of crypto/aes/cipher_asm.go, upstream sha256 5134dee70dfe1b80c2cc5ed0e6c430b05cd1e7aa62e4774da651725f8fb73865
//
// gortc: the upstream file binds the block cipher to assembly, which gortc
// does not assemble. This file is cipher_generic.go's, so the package uses its
// portable implementation (docs/overview.md, "Overlays").
//
// Copyright 2012 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package aes

import (
	"crypto/cipher"
)

// newCipher calls the newCipherGeneric function
// directly. Platforms with hardware accelerated
// implementations of AES should implement their
// own version of newCipher (which may then call
// newCipherGeneric if needed).
func newCipher(key []byte) (cipher.Block, error) {
	return newCipherGeneric(key)
}

// expandKey is used by BenchmarkExpand and should
// call an assembly implementation if one is available.
func expandKey(key []byte, enc, dec []uint32) {
	expandKeyGo(key, enc, dec)
}
