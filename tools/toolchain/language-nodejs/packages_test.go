package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// pkg writes a package.json into dir.
func pkg(t *testing.T, dir, content string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "package.json"), content)
}

func TestScanPackages(t *testing.T) {
	root := t.TempDir()
	nm := filepath.Join(root, "node_modules")
	pkg(t, filepath.Join(nm, "@pulumi", "pulumi"), `{"name":"@pulumi/pulumi","version":"3.276.0"}`)
	pkg(t, filepath.Join(nm, "@pulumi", "kubernetes"),
		`{"name":"@pulumi/kubernetes","version":"4.25.0","pulumi":{"resource":true,"name":"kubernetes","version":"4.25.0"}}`)
	// Nested copy of a different version, and the same version twice (reported once).
	pkg(t, filepath.Join(nm, "lib", "node_modules", "@pulumi", "random"),
		`{"name":"@pulumi/random","version":"4.16.0","pulumi":{"resource":true}}`)
	pkg(t, filepath.Join(nm, "other", "node_modules", "@pulumi", "kubernetes"),
		`{"name":"@pulumi/kubernetes","version":"4.25.0","pulumi":{"resource":true,"name":"kubernetes","version":"4.25.0"}}`)
	pkg(t, filepath.Join(nm, "lib"), `{"name":"lib","version":"1.0.0"}`)
	// Third party with a server, in pnpm's store, reached only through .pnpm.
	pkg(t, filepath.Join(nm, ".pnpm", "acme@1.2.3", "node_modules", "acme"),
		`{"name":"acme","version":"1.2.3","pulumi":{"resource":true,"name":"acme","server":"https://example.test"}}`)
	// A symlink cycle must not hang the scan.
	if err := os.Symlink(nm, filepath.Join(nm, "lib", "node_modules", "loop")); err != nil {
		t.Fatal(err)
	}
	// A policy pack's dependencies are not the program's.
	writeFile(t, filepath.Join(nm, "policies", "PulumiPolicy.yaml"), "runtime: nodejs\n")
	pkg(t, filepath.Join(nm, "policies", "node_modules", "@pulumi", "aws"),
		`{"name":"@pulumi/aws","version":"6.0.0","pulumi":{"resource":true}}`)

	deps, err := scanPackages([]string{nm})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range deps {
		got = append(got, d.GetKind()+":"+d.GetName()+"@"+d.GetVersion()+d.GetServer())
	}
	slices.Sort(got)
	want := []string{"resource:acme@v1.2.3https://example.test", "resource:kubernetes@v4.25.0", "resource:random@v4.16.0"}
	if !slices.Equal(got, want) {
		t.Fatalf("scanPackages = %q, want %q", got, want)
	}
}

func TestPackageDependencyErrors(t *testing.T) {
	if _, err := packageDependency([]byte(`{"name":"acme","version":"1.0.0","pulumi":{"resource":true}}`)); err == nil {
		t.Error("a third-party package must name its plugin")
	}
	if d, err := packageDependency([]byte(`{"name":"x","pulumi":{"resource":false}}`)); d != nil || err != nil {
		t.Errorf("no plugin: %v, %v", d, err)
	}
	d, err := packageDependency([]byte(`{"name":"@x/y","version":"1.0.0","pulumi":{"resource":true,"name":"y",
		"parameterization":{"name":"p","version":"2.0.0","value":"aGk="}}}`))
	if err != nil || d.GetParameterization().GetName() != "p" || string(d.GetParameterization().GetValue()) != "hi" {
		t.Errorf("parameterized: %v, %v", d, err)
	}
}

func TestNodeModulesDirs(t *testing.T) {
	got := nodeModulesDirs("/p/src/app", "/p")
	want := []string{"/p/src/app/node_modules", "/p/src/node_modules", "/p/node_modules"}
	if !slices.Equal(got, want) {
		t.Errorf("nodeModulesDirs = %q, want %q", got, want)
	}
	for _, root := range []string{"/p/src/app", "", "/elsewhere"} {
		if got := nodeModulesDirs("/p/src/app", root); !slices.Equal(got, want[:1]) {
			t.Errorf("nodeModulesDirs(root %q) = %q", root, got)
		}
	}
}
