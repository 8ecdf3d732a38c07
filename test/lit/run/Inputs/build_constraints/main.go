package main

func main() {
	println("arch:", arch)
	println("linux:", onLinux)
	println("tagged:", tagged())
}
