// gortc overlay of crypto/sha256/sha256block_decl.go, upstream sha256 812025868bbf231d27b0d455a2447e7b382fdab4bf96ee4bf85523341ccf4d27
//
// gortc: the upstream file binds block to assembly, which gortc does not
// assemble. This file is sha256block_generic.go's, so the package uses its
// portable implementation (docs/overview.md, "Overlays").
//
// Copyright 2016 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build 386 || amd64 || s390x || ppc64le || ppc64

package sha256

func block(dig *digest, p []byte) {
	blockGeneric(dig, p)
}
