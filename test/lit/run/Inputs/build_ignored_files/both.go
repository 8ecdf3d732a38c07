// +build windows

//go:build linux

package main

var _ = 1
