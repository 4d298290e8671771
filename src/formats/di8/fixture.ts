/** Test support: writes a small DesInventar 8 SQLite region file (built with sql.js) with chosen Disaster rows. */
import { writeFileSync } from 'node:fs';
import { sqlJs } from './sqlite-tables.ts';

/** A Disaster row of the fixture: any DI8 columns. */
export type FixtureDisaster = Record<string, string | number | null>;

const SCHEMA = `
create table Info (InfoKey varchar(50), LangIsoCode varchar(3), InfoValue varchar(1024), InfoAuxValue varchar(1024));
create table GeoLevel (GeoLevelId integer, LangIsoCode varchar(3), RegionId varchar(50), GeoLevelName varchar(50), GeoLevelDesc text, GeoLevelActive integer);
create table Geography (GeographyId varchar(100), LangIsoCode varchar(3), RegionId varchar(50), GeographyCode varchar(100), GeographyName varchar(200), GeographyFQName varchar(250), GeographyLevel integer, GeographyActive integer);
create table Event (EventId varchar(50), LangIsoCode varchar(3), RegionId varchar(50), EventName varchar(50), EventDesc text, EventActive integer, EventPredefined integer, EventRGBColor varchar(10), EventKeyWords text);
create table Cause (CauseId varchar(50), LangIsoCode varchar(3), RegionId varchar(50), CauseName varchar(50), CauseDesc text, CauseActive integer, CausePredefined integer, CauseRGBColor varchar(10), CauseKeyWords text);
create table EEGroup (EEGroupId varchar(30), RegionId varchar(50), EEGroupLabel varchar(50), EEGroupDesc text, EEGroupStatus integer);
create table EEField (EEFieldId varchar(30), RegionId varchar(50), EEGroupId varchar(30), EEFieldLabel varchar(30), EEFieldDesc text, EEFieldType varchar(20), EEFieldSize integer, EEFieldOrder integer, EEFieldStatus integer);
create table EEData (DisasterId varchar(50), RegionId varchar(50), EEF001 numeric, EEF002 text, EEF003 varchar(20));
create table Disaster (DisasterId varchar(50), RegionId varchar(50), DisasterSerial varchar(50), DisasterBeginTime varchar(30), GeographyId varchar(100), DisasterSiteNotes text, DisasterLatitude double, DisasterLongitude double, DisasterSource varchar(200), RecordStatus varchar(20), RecordAuthor varchar(100), EventId varchar(50), EventNotes text, EventDuration integer, EventMagnitude varchar(80), CauseId varchar(50), CauseNotes text,
  EffectPeopleDead integer, EffectPeopleMissing integer, EffectPeopleInjured integer, EffectPeopleHarmed integer, EffectPeopleAffected integer, EffectPeopleEvacuated integer, EffectPeopleRelocated integer, EffectHousesDestroyed integer, EffectHousesAffected integer,
  EffectPeopleDeadQ integer, EffectPeopleMissingQ integer, EffectPeopleInjuredQ integer, EffectPeopleHarmedQ integer, EffectPeopleAffectedQ integer, EffectPeopleEvacuatedQ integer, EffectPeopleRelocatedQ integer, EffectHousesDestroyedQ integer, EffectHousesAffectedQ integer,
  EffectLossesValueLocal decimal(30,2), EffectLossesValueUSD decimal(30,2), EffectRoads decimal(30,2), EffectFarmingAndForest decimal(30,2), EffectLiveStock decimal(10), EffectEducationCenters decimal(10), EffectMedicalCenters decimal(10), EffectOtherLosses text, EffectNotes text,
  SectorTransport integer, SectorCommunications integer, SectorRelief integer, SectorAgricultural integer, SectorWaterSupply integer, SectorSewerage integer, SectorEducation integer, SectorPower integer, SectorIndustry integer, SectorHealth integer, SectorOther integer,
  RecordCreation datetime, RecordSync datetime, RecordUpdate datetime, LocalColumn text);
create table Custom (Name text, Value integer);
insert into Info values ('LangIsoCode', '', 'spa', ''), ('RegionLabel', '', 'Testland', '');
insert into GeoLevel values (0, 'spa', '', 'Departamento', '', 1), (0, 'eng', '', 'Department', '', 1), (1, 'spa', '', 'Provincia', '', 1);
insert into Geography values
  ('00001', 'spa', '', '01', 'NORTE', 'NORTE', 0, 1), ('00001', 'eng', '', '01', 'NORTH', 'NORTH', 0, 1),
  ('0000100001', 'spa', '', '0101', 'Alto', 'NORTE/Alto', 1, 1),
  ('0000900001', 'spa', '', '0901', 'Huérfana', 'X/Huérfana', 1, 1);
insert into Event values ('FLOOD', 'spa', '', 'Inundación', 'Agua', 1, 1, '0000FF', 'INUNDACION;'), ('FLOOD', 'eng', '', 'Flood', 'Water', 1, 1, '0000FF', 'FLOOD;'), ('DROUGHT', 'spa', '', 'Sequía', '', 0, 1, 'FFAA00', '');
insert into Cause values ('RAIN', 'spa', '', 'Lluvias', '', 1, 1, 'AAAAAA', 'LLUVIA;');
insert into EEGroup values ('G1', '', 'Agua', '', 1);
insert into EEField values ('EEF001', '', 'G1', 'Pozos', '', 'INTEGER', 10, 1, 1), ('EEF002', '', 'G1', 'Nota', '', 'STRING', 40, 2, 1), ('EEF003', '', 'NOPE', 'Fecha', '', 'DATE', 20, 3, 1);
insert into Custom values ('a', 1);
`;

/** Write a DI8 region .db file holding the given Disaster rows and EEData rows. */
export async function writeDi8Sqlite(
  path: string,
  disasters: FixtureDisaster[],
  eeData: FixtureDisaster[] = [],
): Promise<void> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA);
    const insert = (table: string, row: FixtureDisaster) => {
      const columns = Object.keys(row);
      db.run(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        Object.values(row),
      );
    };
    for (const row of disasters) insert('Disaster', row);
    for (const row of eeData) insert('EEData', row);
    writeFileSync(path, db.export());
  } finally {
    db.close();
  }
}
