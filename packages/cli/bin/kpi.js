#!/usr/bin/env node
// Shim checked in so the bin exists before the first build (pnpm#1801).
import { main } from '../dist/main.js';
main(process.argv).then((code) => { process.exitCode = code; });
