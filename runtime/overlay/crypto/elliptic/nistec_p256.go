// gortc overlay of crypto/elliptic/nistec_p256.go, upstream sha256 2df903b3efb416b636c7c8112aa5fce0ea79211d1cc0124941edf8adb2d5957b
//
// gortc: the upstream file holds p256Curve.Inverse (over
// nistec.P256OrdInverse; crypto/ecdsa then inverts with math/big), bound to
// assembly, which gortc does not assemble; with the portable implementation in
// its place nothing needs them (docs/overview.md, "Overlays").
//
// Copyright 2022 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build amd64 || arm64

package elliptic
