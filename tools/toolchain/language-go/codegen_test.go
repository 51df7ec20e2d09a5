package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
)

// A component package as `pulumi package add` sends it: supporting Pack, so that its SDK is a
// module of its own. It references no other package, so the loader is never called.
const demoSchema = `{
  "name": "demo", "version": "1.2.3", "meta": {"supportPack": true},
  "resources": {"demo:index:Thing": {
    "isComponent": true,
    "inputProperties": {"size": {"type": "string"}},
    "properties": {"id": {"type": "string"}}, "required": ["id"]
  }}
}`

func TestGeneratePackage(t *testing.T) {
	dir := t.TempDir()
	resp, err := newTestHost().GeneratePackage(context.Background(), &pulumirpc.GeneratePackageRequest{
		Directory: dir, Schema: demoSchema, LoaderTarget: "127.0.0.1:1",
	})
	if err != nil || len(resp.GetDiagnostics()) > 0 {
		t.Fatalf("GeneratePackage = %v, %v", resp, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if got := modfile.ModulePath(data); got != "example.com/pulumi-demo/sdk/go" {
		t.Errorf("module %q", got)
	}
	for _, file := range []string{"demo/thing.go", "demo/pulumi-plugin.json"} {
		if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
			t.Errorf("no %s: %v", file, err)
		}
	}
	// What Link reads of it.
	module, importPath, err := sdkPaths(dir)
	if err != nil || module != "example.com/pulumi-demo/sdk/go" || importPath != module+"/demo" {
		t.Errorf("sdkPaths = %q, %q, %v", module, importPath, err)
	}

	if _, err := newTestHost().GeneratePackage(context.Background(), &pulumirpc.GeneratePackageRequest{
		Directory: t.TempDir(), Schema: demoSchema, LoaderTarget: "127.0.0.1:1",
		ExtraFiles: map[string][]byte{"x.go": nil},
	}); err == nil {
		t.Error("GeneratePackage with overlays succeeded, want an error")
	}
}

func link(t *testing.T, root, programDir string, packages ...*pulumirpc.LinkRequest_LinkDependency) (*modfile.File, string) {
	t.Helper()
	resp, err := newTestHost().Link(context.Background(), &pulumirpc.LinkRequest{
		Info:     &pulumirpc.ProgramInfo{RootDirectory: root, ProgramDirectory: programDir},
		Packages: packages,
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(programDir, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := modfile.Parse(path, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return file, resp.GetImportInstructions()
}

func dependency(name, path string) *pulumirpc.LinkRequest_LinkDependency {
	return &pulumirpc.LinkRequest_LinkDependency{Path: path, Package: &pulumirpc.PackageDependency{Name: name}}
}

func replaces(file *modfile.File) []string {
	var out []string
	for _, r := range file.Replace {
		out = append(out, r.Old.Path+" => "+r.New.Path)
	}
	return out
}

func TestLink(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, sdkFiles)
	writeFiles(t, root, map[string]string{"go.mod": "module prog\n\ngo 1.22\n"})
	kubesecret := dependency("kubesecret", "sdks/kubesecret")
	file, instructions := link(t, root, root, kubesecret)
	want := "example.com/pulumi-kubesecret/sdk/go => ./sdks/kubesecret"
	if got := replaces(file); len(got) != 1 || got[0] != want {
		t.Errorf("replaces = %q, want [%q]", got, want)
	}
	if !strings.Contains(instructions, `"example.com/pulumi-kubesecret/sdk/go/kubesecret"`) {
		t.Errorf("instructions %q do not name the import path", instructions)
	}
	// Linking again (`pulumi install` regenerates and links) leaves one replace.
	if file, _ = link(t, root, root, kubesecret); len(file.Replace) != 1 {
		t.Errorf("after a second link: %q", replaces(file))
	}

	// A program in a subdirectory of the project, and a local build of the Go SDK.
	program := filepath.Join(root, "src")
	writeFiles(t, program, map[string]string{"go.mod": "module prog\n"})
	file, _ = link(t, root, program, kubesecret, dependency("pulumi", "../pulumi/sdk"))
	got := strings.Join(replaces(file), "\n")
	for _, want := range []string{"example.com/pulumi-kubesecret/sdk/go => ../sdks/kubesecret",
		"github.com/pulumi/pulumi/sdk/v3 => ../../pulumi/sdk"} {
		if !strings.Contains(got, want) {
			t.Errorf("replaces %q lack %q", got, want)
		}
	}
}

func TestLinkFails(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"go.mod": "module prog\n", "sdks/py/setup.py": ""})
	for name, c := range map[string]struct {
		programDir string
		dep        *pulumirpc.LinkRequest_LinkDependency
		want       string
	}{
		"not a Go SDK": {root, dependency("py", "sdks/py"), "package py: the SDK has no go.mod"},
		"no go.mod":    {t.TempDir(), dependency("kubesecret", "sdks/kubesecret"), "go.mod"},
	} {
		_, err := newTestHost().Link(context.Background(), &pulumirpc.LinkRequest{
			Info:     &pulumirpc.ProgramInfo{RootDirectory: root, ProgramDirectory: c.programDir},
			Packages: []*pulumirpc.LinkRequest_LinkDependency{c.dep},
		})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Link error %v, want one containing %q", name, err, c.want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(root, "go.mod")); string(data) != "module prog\n" {
		t.Errorf("a failed link changed go.mod: %q", data)
	}
}
