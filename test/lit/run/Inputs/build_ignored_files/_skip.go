package main

func main() { println("underscore") }
