import Foundation

/// Removes an image file and the side files a session may leave next to it
/// (the rollback journal and the change counter of ``ImageCoordinator``).
func removeImageFiles(_ path: String) {
    for suffix in ["", "-journal", "-changes"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
