package main

this file is never compiled
