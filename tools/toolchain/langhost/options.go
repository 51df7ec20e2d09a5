package langhost

import (
	"fmt"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Options reads a program's runtime options: the `runtime.options` of its Pulumi.yaml (or a
// plugin's PulumiPlugin.yaml), which the engine sends in its ProgramInfo. Each host gives them the
// names and defaults of its upstream. A value of the wrong type or outside its choices is an
// error; Err reports the first, and the value read is the option's default.
type Options struct {
	values map[string]any
	err    error
}

// OptionsOf reads the runtime options in info; a program without options has none.
func OptionsOf(info *pulumirpc.ProgramInfo) *Options {
	return &Options{values: info.GetOptions().AsMap()}
}

// Err is the first error of the options read so far.
func (o *Options) Err() error { return o.err }

func (o *Options) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

// String returns the option key, "" if it is not set.
func (o *Options) String(key string) string {
	v, ok := o.values[key]
	if !ok {
		return ""
	}
	s, isString := v.(string)
	if !isString {
		o.fail(fmt.Errorf("runtime option %q must be a string, got %v", key, v))
	}
	return s
}

// Bool returns the option key, unset if it is not set.
func (o *Options) Bool(key string, unset bool) bool {
	v, ok := o.values[key]
	if !ok {
		return unset
	}
	b, isBool := v.(bool)
	if !isBool {
		o.fail(fmt.Errorf("runtime option %q must be a boolean, got %v", key, v))
		return unset
	}
	return b
}

// OptionChoice is a value an option may name.
type OptionChoice[T any] struct {
	name  string
	value T
}

// Choice is the value that an option names name.
func Choice[T any](name string, value T) OptionChoice[T] {
	return OptionChoice[T]{name, value}
}

// OneOf returns the value among choices that the option key (a string) names; the choice named ""
// is the value when the option is not set or empty. expected lists the choices for the error about
// another value: runtime option "key" must be <expected>, got "value".
func OneOf[T any](o *Options, key, expected string, choices ...OptionChoice[T]) T {
	s := o.String(key)
	var unset T
	for _, c := range choices {
		if c.name == s {
			return c.value
		}
		if c.name == "" {
			unset = c.value
		}
	}
	o.fail(fmt.Errorf("runtime option %q must be %s, got %q", key, expected, s))
	return unset
}
