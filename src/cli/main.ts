#!/usr/bin/env node
import { Command } from "commander";

const program = new Command();
program
  .name("spikegrade")
  .description("Grades reproductions of Figure 1 of Mainen & Sejnowski (1995)")
  .version("0.1.0");

await program.parseAsync(process.argv);
