#!/usr/bin/env node
// Compiles every .sol file under a source folder with the pinned solc-js through its standard-JSON interface (the one
// `solcjs --standard-json` uses) and writes one JSON artifact with each contract's ABI, creation bytecode and deployed bytecode.
//
//   node compile-solidity.js --solc <dir of the solc npm package> --sources <dir> --out <artifact.json>
//
// Policy: any solc error or warning fails the build (like the C# projects, which treat warnings as errors); solc's
// "info" notes are printed but do not fail it. Diagnostics are printed in the canonical `file(line,col): error CODE:`
// form so MSBuild reports them with their location, followed by solc's own formatted message.
'use strict';

const fs = require('fs');
const path = require('path');

// The compiler version this repository pins (scripts/tools.json). A different one would silently change bytecode.
const PinnedSolcVersion = '0.8.37';

// Prague is the fork Ethereum mainnet runs. anvil 1.7.1's default ("latest", past Osaka) executes Prague bytecode, and
// so does `anvil --hardfork prague`, which mirrors mainnet. Osaka would let solc emit CLZ, which a Prague chain rejects.
const EvmVersion = 'prague';

function main(argv) {
  const args = parseArguments(argv);
  const solcPackage = path.resolve(args.solc);
  const sourceRoot = path.resolve(args.sources);
  const outputPath = path.resolve(args.out);

  checkCompilerVersion(solcPackage);
  const files = findSolidityFiles(sourceRoot);
  if (files.length === 0) {
    fail(`no .sol files found under ${sourceRoot}`);
  }

  const sources = {};
  for (const file of files) {
    sources[toSourceKey(sourceRoot, file)] = { content: fs.readFileSync(file, 'utf8') };
  }

  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EvmVersion,
      outputSelection: {
        '*': { '*': ['abi', 'evm.bytecode.object', 'evm.bytecode.linkReferences', 'evm.deployedBytecode.object'] },
      },
    },
  };

  const output = runSolcjs(solcPackage, input);
  const failed = report(output.errors || [], sourceRoot, sources);
  if (failed) {
    process.exit(1);
  }

  const artifact = buildArtifact(output, sourceRoot);
  writeAtomically(outputPath, JSON.stringify(artifact));
  const count = Object.keys(artifact.contracts).length;
  console.log(`Solidity: compiled ${files.length} file(s), ${count} contract(s) with solc ${artifact.compiler} (evm ${EvmVersion})`);
}

function parseArguments(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) {
      fail(`usage: compile-solidity.js --solc <dir> --sources <dir> --out <file> (bad argument '${name}')`);
    }
    args[name.slice(2)] = value;
  }
  for (const required of ['solc', 'sources', 'out']) {
    if (!args[required]) {
      fail(`missing --${required}`);
    }
  }
  return args;
}

function checkCompilerVersion(solcPackage) {
  const manifest = path.join(solcPackage, 'package.json');
  if (!fs.existsSync(manifest)) {
    fail(`the pinned Solidity compiler is missing (${solcPackage}); run ./scripts/install-deps.sh`);
  }
  const version = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
  if (version !== PinnedSolcVersion) {
    fail(`solc ${version} is installed but ${PinnedSolcVersion} is pinned; run ./scripts/install-deps.sh`);
  }
}

function findSolidityFiles(directory) {
  const found = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      found.push(...findSolidityFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.sol')) {
      found.push(full);
    }
  }
  // Sorted so the compiler input, and therefore the metadata hash in the bytecode, does not depend on directory order.
  return found.sort();
}

function toSourceKey(sourceRoot, file) {
  return path.relative(sourceRoot, file).split(path.sep).join('/');
}

function runSolcjs(solcPackage, input) {
  // The same entry point `solcjs --standard-json` uses, called in-process: the CLI exits before a large JSON answer is
  // fully flushed to a pipe, which truncated the output intermittently. No import callback is given, so an import of
  // anything outside the inlined sources is an error ("File not found") rather than a read from the build machine.
  const solc = require(solcPackage);
  const text = solc.compile(JSON.stringify(input));
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`solc did not return standard JSON output: ${String(text).slice(0, 2000)}`);
  }
}

// Prints every diagnostic; returns true when any of them fails the build.
function report(diagnostics, sourceRoot, sources) {
  let failed = false;
  for (const diagnostic of diagnostics) {
    const severity = diagnostic.severity || (diagnostic.type === 'Warning' ? 'warning' : 'error');
    if (severity === 'info') {
      console.log(diagnostic.formattedMessage || diagnostic.message);
      continue;
    }
    failed = true;
    const code = diagnostic.errorCode ? `SOLC${diagnostic.errorCode}` : 'SOLC';
    const kind = severity === 'warning' ? 'warning treated as error' : diagnostic.type;
    const message = `${kind}: ${diagnostic.message}`;
    const location = diagnostic.sourceLocation;
    if (location && location.file) {
      const file = path.join(sourceRoot, location.file);
      const source = sources[location.file] ? sources[location.file].content : '';
      const { line, column } = lineAndColumn(source, location.start);
      console.log(`${file}(${line},${column}): error ${code}: ${message}`);
    } else {
      console.log(`solc: error ${code}: ${message}`);
    }
    if (diagnostic.formattedMessage) {
      console.log(indent(diagnostic.formattedMessage));
    }
  }
  return failed;
}

// solc reports byte offsets into the UTF-8 source; convert to 1-based line and column.
function lineAndColumn(source, start) {
  const bytes = Buffer.from(source, 'utf8');
  const offset = Math.max(0, Math.min(typeof start === 'number' ? start : 0, bytes.length));
  const before = bytes.subarray(0, offset).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function indent(text) {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function buildArtifact(output, sourceRoot) {
  const contracts = {};
  for (const sourceKey of Object.keys(output.contracts || {}).sort()) {
    const inSource = output.contracts[sourceKey];
    for (const name of Object.keys(inSource).sort()) {
      if (contracts[name]) {
        fail(`${path.join(sourceRoot, sourceKey)}: contract name '${name}' is also defined in ` +
          `${contracts[name].source}; contract names must be unique so artifacts can be found by name`);
      }
      const compiled = inSource[name];
      contracts[name] = {
        source: sourceKey,
        abi: compiled.abi,
        bytecode: compiled.evm.bytecode.object,
        deployedBytecode: compiled.evm.deployedBytecode.object,
        linkReferences: compiled.evm.bytecode.linkReferences || {},
      };
    }
  }
  return { compiler: PinnedSolcVersion, evmVersion: EvmVersion, optimizerRuns: 200, contracts };
}

function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

function fail(message) {
  console.log(`compile-solidity: error SOLBUILD: ${message}`);
  process.exit(1);
}

main(process.argv.slice(2));
