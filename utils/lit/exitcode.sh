#!/bin/sh
# Runs a command and prints its exit status as "exit=N" on stdout, so that
# lit tests can FileCheck a program's output and its exit code together:
#   RUN: %exitcode %run %t 2>&1 | FileCheck %s
#   CHECK: exit=2
"$@"
echo "exit=$?"
