package main

func main() { println("dot") }
