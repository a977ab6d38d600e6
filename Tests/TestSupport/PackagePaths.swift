// Where the package is, for the test targets that read its examples, schemas and goldens.

import Foundation

/// Paths both test targets use.
package enum PackagePaths {
    /// The package's root: the nearest directory above this file that holds a Package.swift (else
    /// the current directory).
    package static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
}
