// commander's classes with @commander-js/extra-typings' types, which infer each option's name
// and value type from its flag string: a command's flags object is typed from its definition, so
// a misspelled option key does not compile. The classes at run time are commander's own (as
// extra-typings itself exports them); only the types come from extra-typings, which is a
// development dependency.
import * as commander from 'commander';
import type * as typed from '@commander-js/extra-typings';

export const Command = commander.Command as unknown as typeof typed.Command;
export const Option = commander.Option as unknown as typeof typed.Option;
export const Argument = commander.Argument as unknown as typeof typed.Argument;
// biome-ignore lint/complexity/noBannedTypes: {} are @commander-js/extra-typings' own defaults for a Command's options
export type Command<Args extends unknown[] = [], Opts extends typed.OptionValues = {}, GlobalOpts extends typed.OptionValues = {}> = typed.Command<Args, Opts, GlobalOpts>;
export type Option = typed.Option;
export type OptionValues = typed.OptionValues;
export type AnyCommand = typed.CommandUnknownOpts;

/** The flags object a command's action receives, from the command its define() builds. */
export type FlagsOf<Define extends (...args: never[]) => { opts(): typed.OptionValues }> = ReturnType<ReturnType<Define>['opts']>;

/** The positional arguments of the command a define() builds, as commander parses them. */
export type ArgsOf<Define extends (...args: never[]) => { processedArgs: unknown[] }> = ReturnType<Define>['processedArgs'];
