import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
const require = createRequire(import.meta.url);
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { message: '', set_message(m){ this.message = m; } };
const rt = await import('@prisma/schema-engine-wasm/schema_engine_bg');
const wasmPath = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
console.log(wasmPath);
const mod = new WebAssembly.Module(await readFile(wasmPath));
const inst = new WebAssembly.Instance(mod, { './schema_engine_bg.js': rt });
rt.__wbg_set_wasm(inst.exports); inst.exports.__wbindgen_start();
const schema = await readFile('../subgraphs/identity/prisma/schema.prisma','utf8');
const files=[{path:'schema.prisma', content: schema}];
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({host:'127.0.0.1',port:5432,user:'postgres',database:'test'}));
const eng = await rt.SchemaEngine.new({datamodels: undefined}, (m)=>{ if (process.env.DBG) console.error('dbg', m)}, adapter);
const filters={externalTables:[],externalEnums:[]};
let r = await eng.diff({from:{tag:'empty'}, to:{tag:'schemaDatamodel', files}, script:true, exitCode:null, filters});
console.log(r.stdout);
try { r = await eng.diff({from:{tag:'url', url:'postgresql://postgres@127.0.0.1/test'}, to:{tag:'schemaDatamodel', files}, script:true, exitCode:null, filters}); console.log('URL', r);} catch(e){ console.log('url err', e.name, e.code, e.message, Object.keys(e)) }
try { r = await eng.introspect({schema:{files}, baseDirectoryPath:'.', force:true, compositeTypeDepth:0, namespaces:null}); console.log('INTRO', r.schema.files[0].content.slice(0,400));} catch(e){ console.log('intro err', e.name, e.code, e.message) }
