// Copyright line before the constraint is allowed.

//go:build linux && (amd64 || arm64) && !windows && go1.18

package main

func tagged() string { return "linux && (amd64 || arm64)" }
