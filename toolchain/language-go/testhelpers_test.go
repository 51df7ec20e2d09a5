package main

import (
	"os"
	"path/filepath"
	"testing"

	"kubesecret.local/toolchain/langhost"
)

func newTestHost() *languageHost {
	return &languageHost{Host: langhost.NewHost("dev", "", func() {})}
}

// writeFiles writes files (slash paths relative to dir) with their contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sdkFiles is what `pulumi package add` generates for package kubesecret, as far as we read it.
var sdkFiles = map[string]string{
	"sdks/kubesecret/go.mod":                        "module example.com/pulumi-kubesecret/sdk/go\n\ngo 1.25\n",
	"sdks/kubesecret/kubesecret/pulumi-plugin.json": `{"resource": true, "name": "kubesecret", "version": "0.1.0"}`,
}
