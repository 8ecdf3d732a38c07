package main

const onLinux = false
