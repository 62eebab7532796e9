import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledManifest, bundledModelBytes, TAPE_PATH } from '../testing';
import { championPd, trainChampion } from '../training';
import { loadPdModel, ModelVerificationError } from './pd-model';
import { modelInputsFromTape } from './inputs';
import { parsePortfolio } from '../engine';

describe('the bundled ONNX model', () => {
  it('scores every loan of the tape as the training code does (within 1e-5)', async () => {
    const csv = readFileSync(TAPE_PATH, 'utf8');
    const { model: fitted, rows } = await trainChampion(csv);
    const manifest = bundledManifest();
    const model = await loadPdModel(bundledModelBytes(), manifest);
    const loaded = parsePortfolio(csv, manifest);
    if (!loaded.ok) throw new Error('bundled tape invalid');
    const pds = await model.scorePd(modelInputsFromTape(manifest, loaded.tape));
    const worst = rows.reduce((m, row, i) => Math.max(m, Math.abs(pds[i]! - championPd(fitted, row))), 0);
    expect(pds).toHaveLength(9857);
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(model.selfTest.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    await model.release();
  });

  it('meets the quality bar on its card: hold-out AUC ≥ 0.73, mean PD within 10% of the bad rate', () => {
    const { metrics } = bundledManifest();
    expect(metrics.holdout.auc).toBeGreaterThanOrEqual(0.73);
    expect(metrics.holdout.gini).toBeCloseTo(2 * metrics.holdout.auc - 1, 5);
    expect(Math.abs(metrics.fullTape.meanPd / metrics.fullTape.observedBadRate - 1)).toBeLessThan(0.1);
  });

  it('refuses model bytes that do not match the card', async () => {
    const bytes = bundledModelBytes();
    const last = bytes.length - 1;
    bytes[last] = bytes[last]! ^ 1;
    await expect(loadPdModel(bytes, bundledManifest())).rejects.toThrow(ModelVerificationError);
  });

  it('refuses a model that does not reproduce the reference PDs', async () => {
    const manifest = bundledManifest();
    const tampered = { ...manifest, referenceRows: manifest.referenceRows.map((r, i) => (i === 2 ? { ...r, pd: r.pd + 1e-4 } : r)) };
    await expect(loadPdModel(bundledModelBytes(), tampered)).rejects.toThrow(/self-test failed: reference loan 3/);
  });

  it('a file that matches its card but is no model says which step failed', async () => {
    const garbage = new TextEncoder().encode('not an onnx model');
    const card = bundledManifest();
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', garbage)), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
    const loading = loadPdModel(garbage, { ...card, model: { ...card.model, sha256: digest } });
    await expect(loading).rejects.toThrow(/^lending-club-pd\.onnx: This file is not an ONNX model/);
    await expect(loading).rejects.not.toBeInstanceOf(ModelVerificationError);
  });
});
