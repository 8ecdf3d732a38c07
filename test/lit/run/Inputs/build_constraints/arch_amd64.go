package main

const arch = "amd64"
