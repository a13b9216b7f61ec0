import { describe, expect, it } from 'vitest';
import { importDigineticaCsv } from '../../../../src/main/engine/datasets/diginetica-csv';
import { importRees46Csv } from '../../../../src/main/engine/datasets/rees46-csv';
import { importRetailRocketEvents } from '../../../../src/main/engine/datasets/retail-rocket-events';
import { importSessionTsv } from '../../../../src/main/engine/datasets/session-tsv';
import { tempFolder } from './temp-files';

const files = tempFolder('events');

describe('session-rec / YOOCHOOSE TSV', () => {
  it('imports good rows and reports a bad time with file, line and field', async () => {
    const path = files.write('clicks.txt', 'SessionId\tItemId\tTime\n1\t10\t100.5\n1\t11\tsoon\n2\t12\t101\n3\t\t102\n');
    const { events, report } = await importSessionTsv(path);
    expect(events.map((e) => [e.sessionId, e.itemId, e.time])).toEqual([['1', '10', 100.5], ['2', '12', 101]]);
    expect(report.rowsRead).toBe(4);
    expect(report.rejections).toEqual([
      { file: path, line: 3, field: 'Time', reason: 'not a number: "soon"' },
      { file: path, line: 5, field: 'ItemId', reason: 'empty' },
    ]);
    expect(report.describe()[0]).toBe(`${path}:3 field "Time": not a number: "soon"`);
  });
  it('rejects a file whose header lacks a column, naming it', async () => {
    const path = files.write('bad-header.txt', 'SessionId\tItem\tTime\n1\t2\t3\n');
    const { events, report } = await importSessionTsv(path);
    expect(events).toHaveLength(0);
    expect(report.rejections[0]).toMatchObject({ line: 1, field: 'header', reason: 'missing column(s) ItemId' });
  });
});

describe('DIGINETICA CSV', () => {
  it('combines date and millisecond offset, maps NA users to null, rejects bad dates and short lines', async () => {
    const path = files.write(
      'views.csv',
      'session_id;user_id;item_id;timeframe;eventdate\n1;NA;81766;526309;2016-05-09\n1;7;31331;1031018;2016-05-09\n2;NA;5;12;09/05/2016\n3;NA;6\n4;NA;7;-5;2016-05-09\n',
    );
    const { events, report } = await importDigineticaCsv(path);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ sessionId: '1', userId: null, itemId: '81766', type: 'view' });
    expect(events[0]?.time).toBeCloseTo(Date.UTC(2016, 4, 9) / 1000 + 526.309, 6);
    expect(events[1]?.userId).toBe('7');
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([[4, 'eventdate'], [5, 'timeframe'], [6, 'timeframe']]);
    expect(report.rejections[1]?.reason).toContain('fewer than the header');
  });
});

describe('RetailRocket events.csv', () => {
  it('maps view/addtocart/transaction and keeps transaction ids', async () => {
    const path = files.write(
      'events.csv',
      'timestamp,visitorid,event,itemid,transactionid\n1433221332117,257597,view,355908,\n1433224214164,992329,addtocart,248676,\n1433221999827,111016,transaction,318965,4000\n1433221999827,111016,wishlist,1,\n1433221999827,111016,transaction,318965,\nnot-a-time,1,view,2,\n',
    );
    const { events, report } = await importRetailRocketEvents(path);
    expect(events.map((e) => e.type)).toEqual(['view', 'cart', 'purchase']);
    expect(events[2]).toMatchObject({ transactionId: '4000', time: 1433221999.827, userId: '111016' });
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([[5, 'event'], [6, 'transactionid'], [7, 'timestamp']]);
  });
});

describe('REES46 CSV', () => {
  const header = 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
  it('parses times, types, prices, optional fields and quoted commas', async () => {
    const path = files.write(
      'rees46.csv',
      [
        header,
        '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3',
        '2019-10-01 00:00:01 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,"aqua, inc",33.20,554748717,9333dfbd',
        '2019-10-01 00:00:02 UTC,purchase,17200506,2053013559792632471,furniture.living_room.sofa,,543.10,519107250,',
        'yesterday,view,1,2,,,1.0,3,s',
        '2019-10-01 00:00:03 UTC,like,1,2,,,1.0,3,s',
        '2019-10-01 00:00:03 UTC,view,1,2,,,-4,3,s',
        '2019-10-01 00:00:03 UTC,view,1,2,,"open,1.0,3,s',
      ].join('\n'),
    );
    const { events, report } = await importRees46Csv(path);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: 'view', price: 35.79, brand: 'shiseido', time: Date.UTC(2019, 9, 1) / 1000 });
    expect(events[0]?.categoryCode).toBeUndefined();
    expect(events[1]).toMatchObject({ type: 'cart', brand: 'aqua, inc', categoryCode: 'appliances.environment.water_heater' });
    expect(events[2]).toMatchObject({ type: 'purchase', sessionId: 'user:519107250' });
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([[5, 'event_time'], [6, 'event_type'], [7, 'price'], [8, 'line']]);
    expect(report.rowsAccepted).toBe(3);
  });
});
