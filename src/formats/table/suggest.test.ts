/** suggestMapping: English, Spanish, DesInventar column names and DBF-truncated headers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EFFECT_KEYS } from '../../shared/fields.ts';
import { isTarget, mappingProblems } from './mapping.ts';
import { suggestMapping } from './suggest.ts';

const targets = (headers: string[]) => suggestMapping(headers).mapping.columns;

test('suggestMapping > English headers', () => {
  assert.deepEqual(
    targets([
      'Serial',
      'Event',
      'Cause',
      'Level0',
      'Level1',
      'Date',
      'Deaths',
      'Injured',
      'Houses Destroyed',
    ]),
    {
      Serial: 'serial',
      Event: 'eventType',
      Cause: 'cause',
      Level0: 'geoCode1',
      Level1: 'geoCode2',
      Date: 'date',
      Deaths: 'deaths',
      Injured: 'injured',
      'Houses Destroyed': 'housesDestroyed',
    },
  );
  assert.deepEqual(targets(['Year', 'Month', 'Day', 'Latitude', 'Longitude', 'Losses $USD']), {
    Year: 'startYear',
    Month: 'startMonth',
    Day: 'startDay',
    Latitude: 'latitude',
    Longitude: 'longitude',
    'Losses $USD': 'lossesUsd',
  });
});

test('suggestMapping > Spanish and DesInventar XML / DI8 column names', () => {
  assert.deepEqual(
    targets(['Serie', 'Evento', 'Causa', 'Fecha', 'Muertos', 'Damnificados', 'Año', 'Lugar']),
    {
      Serie: 'serial',
      Evento: 'eventType',
      Causa: 'cause',
      Fecha: 'date',
      Muertos: 'deaths',
      Damnificados: 'directlyAffected',
      Año: 'startYear',
      Lugar: 'place',
    },
  );
  assert.deepEqual(
    targets(['fechano', 'fechames', 'hay_muertos', 'valorus', 'EffectPeopleHarmed', 'GeographyId']),
    {
      fechano: 'startYear',
      fechames: 'startMonth',
      hay_muertos: 'deaths.present',
      valorus: 'lossesUsd',
      EffectPeopleHarmed: 'directlyAffected',
      GeographyId: 'geoUnit',
    },
  );
});

test('suggestMapping > DBF-truncated headers (10 characters)', () => {
  const suggestion = suggestMapping(['Dead_Peopl', 'Losses__US', 'HOUSES_DES', 'DIRECTLY_A', 'Whatever__']);
  assert.deepEqual(suggestion.mapping.columns, {
    Dead_Peopl: 'deaths',
    Losses__US: 'lossesUsd',
    HOUSES_DES: 'housesDestroyed',
    DIRECTLY_A: 'directlyAffected',
  });
  assert.deepEqual(
    suggestion.matches.map((m) => m.how),
    ['dbf', 'exact', 'dbf', 'dbf', null],
  );
});

test('suggestMapping > every effect key and each target once', () => {
  const columns = targets([...EFFECT_KEYS, 'Muertos']);
  assert.equal(Object.keys(columns).length, EFFECT_KEYS.length, 'Muertos loses to deaths, already taken');
  assert.ok(Object.values(columns).every(isTarget));
});

test('mappingProblems > unknown target, missing header, duplicates and required targets', () => {
  const problems = mappingProblems(
    { columns: { Deaths: 'deaths', Dead: 'deaths', Gone: 'deaths', Evt: 'evento' } },
    ['Deaths', 'Dead', 'Evt'],
  );
  assert.deepEqual(problems, [
    "columns 'Deaths' and 'Dead' both map to 'deaths'",
    "column 'Gone' is not in the file",
    "columns 'Dead' and 'Gone' both map to 'deaths'",
    "column 'Evt': unknown target 'evento'",
    "no column or fixed value for the event type ('eventType')",
    "no column or fixed value for the place ('geoUnit', 'geoCodeN' or 'geoNameN')",
    "no column or fixed value for the date ('date' or 'startYear')",
  ]);
  assert.deepEqual(
    mappingProblems({ columns: { E: 'eventType' }, fixed: { geoUnit: '01', startYear: 2020 } }, ['E']),
    [],
  );
});
