import { readFile, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os'; import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { message: '', set_message(m){ this.message = m; } };
process.on('uncaughtException', e => { console.log('UNCAUGHT', globalThis.PRISMA_WASM_PANIC_REGISTRY.message, e.message); process.exit(1); });
const rt = await import('@prisma/schema-engine-wasm/schema_engine_bg');
const wasmPath = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
const inst = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmPath)), { './schema_engine_bg.js': rt });
rt.__wbg_set_wasm(inst.exports); inst.exports.__wbindgen_start();
const CH = Symbol('char');
const patch = (res) => { for (const r of Array.isArray(res)?res:[res]) { const idx=[]; (r?.fields ?? []).forEach((f,i) => { if (f.dataTypeID === 18) { f.dataTypeID = 25; idx.push(i);} }); if (idx.length && r.rows) Object.defineProperty(r.rows, CH, {value: idx}); } return res; };
const wrap = (a) => { const q = a.queryRaw.bind(a); a.queryRaw = async (query) => { const r = await q(query); for (const i of r.rows[CH] ?? []) r.columnTypes[i] = 6; return r; }; return a; };
class C extends pg.Client { query(config, values, cb) {
  if (typeof values === 'function') { cb = values; values = undefined; }
  if (typeof cb === 'function') return super.query(config, values, (e, r) => cb(e, e ? r : patch(r)));
  const r = super.query(config, values); return typeof r?.then === 'function' ? r.then(patch) : r; } }
const schema = await readFile('../subgraphs/identity/prisma/schema.prisma','utf8');
const files=[{path:'schema.prisma', content: schema}];
const admin = new pg.Client({host:'127.0.0.1',user:'postgres',database:'postgres'}); await admin.connect();
await admin.query('DROP DATABASE IF EXISTS t4_main WITH (FORCE)'); await admin.query('DROP DATABASE IF EXISTS t4_shadow WITH (FORCE)');
await admin.query('CREATE DATABASE t4_main'); await admin.query('CREATE DATABASE t4_shadow');
const adapters=[];
const cfg = (db) => ({host:'127.0.0.1',port:5432,user:'postgres',database:db, Client: C});
const factory = { provider:'postgres', adapterName:'@prisma/adapter-pg',
  async connect(){ console.log('connect'); const a = wrap(await new PrismaPg(cfg(process.env.MAINDB ?? 't4_main')).connect()); adapters.push(a); return a; },
  async connectToShadowDb(){ console.log('connectShadow'); const a = wrap(await new PrismaPg(cfg('t4_shadow')).connect()); adapters.push(a); const d=a.dispose.bind(a); a.dispose=async()=>{console.log('dispose shadow'); return d();}; return a; } };
const adapter = bindMigrationAwareSqlAdapterFactory(factory);
const eng = await rt.SchemaEngine.new({datamodels: undefined}, (m)=>{ if (process.env.DBG) console.error('dbg', m)}, adapter);
const filters={externalTables:[],externalEnums:[]};
let r = await eng.diff({from:{tag:'empty'}, to:{tag:'schemaDatamodel', files}, script:true, exitCode:null, filters});
const dir = await mkdtemp(path.join(os.tmpdir(),'mig-')); await mkdir(path.join(dir,'20250101000000_init'));
const sql = r.stdout + '\nCREATE FUNCTION f1() RETURNS int LANGUAGE sql AS $$ select 1 $$;\nALTER TABLE users ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON users USING (true);\nALTER TABLE users ADD CONSTRAINT users_email_lower CHECK (email = lower(email));\n';
await writeFile(path.join(dir,'20250101000000_init','migration.sql'), sql);
await writeFile(path.join(dir,'migration_lock.toml'), 'provider = "postgresql"\n');
const migrationsList = { baseDir: dir, lockfile:{path:'migration_lock.toml', content:'provider = "postgresql"\n'}, shadowDbInitScript:'', migrationDirectories:[{path:'20250101000000_init', migrationFile:{path:'migration.sql', content:{tag:'ok', value: sql}}}]};
let t=Date.now(); if (process.env.MAINDB) { try { r = await eng.diff({from:{tag:'migrations', ...migrationsList}, to:{tag:'schemaDatamodel', files}, script:true, exitCode:true, filters}); console.log('MIGDIFF-nomain', JSON.stringify(r)); } catch (e) { console.log('nomain err', e.message) } process.exit(0) }
try { r = await eng.diff({from:{tag:'migrations', ...migrationsList}, to:{tag:'schemaDatamodel', files}, script:true, exitCode:null, filters}); console.log('MIGDIFF', JSON.stringify(r), Date.now()-t);} catch(e){ console.log('migdiff err', e.name, e.code, e.message) }
t=Date.now();
try { r = await eng.applyMigrations({migrationsList, filters}); console.log('APPLY', r, Date.now()-t);} catch(e){ console.log('apply err', e.name, e.code, e.message) }
try { r = await eng.diff({from:{tag:'schemaDatasource', files, configDir: '.'}, to:{tag:'schemaDatamodel', files}, script:true, exitCode:null, filters}); console.log('DSDIFF', JSON.stringify(r));} catch(e){ console.log('dsdiff err', e.name, e.code, e.message) }
try { r = await eng.introspect({schema:{files}, baseDirectoryPath:'.', force:true, compositeTypeDepth:0, namespaces:null}); console.log('INTRO', r.schema.files[0].content.slice(0,300));} catch(e){ console.log('intro err', e.name, e.code, e.message) }
const s2 = schema.replace('logoUrl ', 'extra String?\n  logoUrl ');
try { r = await eng.diff({from:{tag:'migrations', ...migrationsList}, to:{tag:'schemaDatamodel', files:[{path:'schema.prisma',content:s2}]}, script:true, exitCode:true, filters}); console.log('MIGDIFF2', JSON.stringify(r)); } catch (e) { console.log('caught', e.name, e.code, Object.keys(e), e.message.slice(0,200)) }
eng.free();
console.log('adapters', adapters.length);
for (const a of adapters) await a.dispose().catch(e=>console.log('dispose err', e.message));
console.log((await admin.query("select datname from pg_database")).rows.map(r=>r.datname).join(','));
await admin.query('DROP DATABASE IF EXISTS t4_main WITH (FORCE)'); await admin.query('DROP DATABASE IF EXISTS t4_shadow WITH (FORCE)');
await admin.end();
