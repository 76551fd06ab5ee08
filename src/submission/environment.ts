/**
 * The environment of a student process, built from nothing: none of the grader's variables
 * (tokens, paths, whatever the shell exported) reaches student code.
 *
 * Numerical libraries get one thread each: RLIMIT_NPROC forbids more, and OpenBLAS sizes its
 * buffers per thread, which must fit the address-space limit.
 */
export function studentEnvironment(tmpFolder: string): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: tmpFolder,
    TMPDIR: tmpFolder,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TZ: "UTC",
    OPENBLAS_NUM_THREADS: "1",
    OMP_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
    NUMEXPR_NUM_THREADS: "1",
    VECLIB_MAXIMUM_THREADS: "1",
    MPLBACKEND: "Agg",
    MPLCONFIGDIR: `${tmpFolder}/matplotlib`,
  };
}
