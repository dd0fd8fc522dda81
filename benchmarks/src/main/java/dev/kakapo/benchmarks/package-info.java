/**
 * JMH benchmarks, one per pipeline stage, all built on {@link dev.kakapo.benchmarks.KakapoBenchmark}
 * and run through {@link dev.kakapo.benchmarks.BenchmarkMain}, which gives every fork the flags of
 * jvm.options. Run: {@code java -jar benchmarks/target/benchmarks.jar [JMH options]}.
 */
package dev.kakapo.benchmarks;
