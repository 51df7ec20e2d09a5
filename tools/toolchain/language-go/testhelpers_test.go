package main

import (
	"testing"

	"kubesecret.local/toolchain/langhost"
)

func newTestHost() *languageHost {
	return &languageHost{Host: langhost.NewHost("dev", "", func() {})}
}

// writeFiles writes files (slash paths relative to dir) with their contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	data := make(map[string][]byte, len(files))
	for name, content := range files {
		data[name] = []byte(content)
	}
	if err := langhost.WriteFiles(dir, data); err != nil {
		t.Fatal(err)
	}
}

// sdkFiles is what `pulumi package add` generates for package kubesecret, as far as we read it.
var sdkFiles = map[string]string{
	"sdks/kubesecret/go.mod":                        "module example.com/pulumi-kubesecret/sdk/go\n\ngo 1.25\n",
	"sdks/kubesecret/kubesecret/pulumi-plugin.json": `{"resource": true, "name": "kubesecret", "version": "0.1.0"}`,
}
