#!/usr/bin/env python3
"""Finding ids for the inspect cases, computed independently of
lib/finding.c: 12 hex digits of the top 48 bits of the 64-bit FNV-1a hash
of "inspect\\0CHECK\\0SUBJECT".  Usage: fid.py CHECK SUBJECT"""
import sys
h = 14695981039346656037
for b in ("inspect\0" + sys.argv[1] + "\0" + sys.argv[2]).encode():
    h ^= b
    h = (h * 1099511628211) % 2**64
print("%012x" % (h >> 16))
