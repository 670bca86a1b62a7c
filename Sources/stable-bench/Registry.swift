import StableTestSupport
/// The structure workloads, gathered from each structure's file.
func registeredWorkloads() -> [Workload] {
    btreeWorkloads()
        + structureWorkloads()
        + journalWorkloads()
        + lockWorkloads()
}
