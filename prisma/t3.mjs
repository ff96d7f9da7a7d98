import { readFile } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { message: '', set_message(m){ this.message = m; } };
const rt = await import('@prisma/schema-engine-wasm/schema_engine_bg');
const wasmPath = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
const inst = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmPath)), { './schema_engine_bg.js': rt });
rt.__wbg_set_wasm(inst.exports); inst.exports.__wbindgen_start();
const schema = await readFile('../subgraphs/identity/prisma/schema.prisma','utf8');
const files=[{path:'schema.prisma', content: schema}];
const pg = new PrismaPg({host:'127.0.0.1',port:5432,user:'postgres',database:'test'});
const origConnect = pg.connect.bind(pg);
pg.connect = async () => { const a = await origConnect(); const q = a.queryRaw.bind(a); a.queryRaw = async (query) => { try { const r= await q(query); if (process.env.V) console.log('OK', query.sql.slice(0,100), r.columnTypes); return r;} catch(e){ console.log('FAIL SQL', query.sql, e); throw e; } }; return a; };
const adapter = bindMigrationAwareSqlAdapterFactory(pg);
const eng = await rt.SchemaEngine.new({datamodels: undefined}, (m)=>{ if (process.env.DBG) console.error('dbg', m)}, adapter);
try { const r = await eng.introspect({schema:{files}, baseDirectoryPath:'.', force:true, compositeTypeDepth:0, namespaces:null}); console.log('INTRO', r.schema.files[0].content.slice(0,400));} catch(e){ console.log('intro err', e.name, e.code, e.message) }
process.exit(0);
