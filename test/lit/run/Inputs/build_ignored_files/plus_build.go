// +build ignore

package main

func main() { println("plusbuild") }
