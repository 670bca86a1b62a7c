/// The structure workloads, gathered from each structure's file.
func registeredWorkloads() -> [Workload] {
    structureWorkloads()
        + journalWorkloads()
}
