/** The report of benchmarks/run-all.sh: JMH and perfdhcp results as Markdown tables and a chart. */
package dev.kakapo.benchmarks.report;
