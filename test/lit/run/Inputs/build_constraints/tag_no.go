//go:build !linux || ignore

package main

func tagged() string { return "wrong file" }
