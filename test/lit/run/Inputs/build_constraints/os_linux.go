package main

const onLinux = true
