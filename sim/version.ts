/** The clusterplan version stamped into every RunResult's provenance (a test keeps it equal to package.json). */
export const VERSION = '0.1.0';
