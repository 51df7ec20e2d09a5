package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// goMod is the go.mod of a program: the main module, found by the go command from the program
// directory (it may be in a parent directory).
type goMod struct {
	dir  string // the main module's directory
	file *modfile.File
}

// goCommand runs `go args...` in dir and returns its stdout; a failure's error holds its stderr.
// Workspaces (go.work) are off: we want the one module of the program.
func goCommand(ctx context.Context, gobin, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, gobin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// loadGoMod reads the go.mod of the program in programDir.
func loadGoMod(ctx context.Context, gobin, programDir string) (*goMod, error) {
	out, err := goCommand(ctx, gobin, programDir, "list", "-m", "-f", "{{.GoMod}}")
	if err != nil {
		return nil, err
	}
	path := string(bytes.TrimSpace(out))
	if path == "" { // the go command answers nothing outside a module
		return nil, fmt.Errorf("no go.mod file found for the program in %s", programDir)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	file, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil, err
	}
	return &goMod{dir: filepath.Dir(path), file: file}, nil
}

// goModule is what `go list -m -json` and `go mod download -json` say of a module.
type goModule struct {
	Path    string
	Version string
	Dir     string // where its source is; "" if it is not in the module cache
}

// requiredModules returns the modules that the main module's go.mod requires, with their source
// directories: a replaced module is where its replacement is, and a module missing from the module
// cache is downloaded first. Modules whose source cannot be had (a vendored build) are left out.
func (m *goMod) requiredModules(ctx context.Context, gobin string) ([]goModule, error) {
	var paths []string
	for _, r := range m.file.Require {
		paths = append(paths, r.Mod.Path)
	}
	if len(paths) == 0 {
		return nil, nil
	}
	modules, err := goModules(ctx, gobin, m.dir, append([]string{"list", "-m", "-json"}, paths...)...)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, mod := range modules {
		if mod.Dir == "" {
			missing = append(missing, mod.Path)
		}
	}
	if len(missing) > 0 {
		downloaded, err := goModules(ctx, gobin, m.dir, append([]string{"mod", "download", "-json"}, missing...)...)
		if err != nil {
			return nil, err
		}
		dirs := map[string]string{}
		for _, d := range downloaded {
			dirs[d.Path] = d.Dir
		}
		for i := range modules {
			if modules[i].Dir == "" {
				modules[i].Dir = dirs[modules[i].Path]
			}
		}
	}
	found := modules[:0]
	for _, mod := range modules {
		if mod.Dir != "" {
			found = append(found, mod)
		}
	}
	return found, nil
}

// goModules runs a go command that prints modules as JSON objects, one after another (go list -m
// -json, go mod download -json), and reads them.
func goModules(ctx context.Context, gobin, dir string, args ...string) ([]goModule, error) {
	out, err := goCommand(ctx, gobin, dir, args...)
	if err != nil {
		return nil, err
	}
	var modules []goModule
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var mod goModule
		if err := dec.Decode(&mod); errors.Is(err, io.EOF) {
			return modules, nil
		} else if err != nil {
			return nil, fmt.Errorf("reading the go command's module list: %w", err)
		}
		modules = append(modules, mod)
	}
}

// replaced reports whether go.mod replaces the module at path (any version of it).
func (m *goMod) replaced(path string) bool {
	for _, r := range m.file.Replace {
		if r.Old.Path == path {
			return true
		}
	}
	return false
}
