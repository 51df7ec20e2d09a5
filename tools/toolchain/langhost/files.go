package langhost

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFiles writes files (slash paths relative to dir, such as a code generator returns) under
// dir, creating their directories.
func WriteFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("could not create the directory of %s: %w", name, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("could not write %s: %w", name, err)
		}
	}
	return nil
}
