import { useCallback, useEffect, useState } from 'react';
import type { KpiView } from '../../shared/organiser';
import { CountryFlag } from '../app/CountryFlag';
import { countryName } from '../i18n/names';
import type { T } from './console-kit';
import { fetchKpis } from './organiser-api';

/**
 * The figures an organiser reports: participants by country, meetings and matches. Read on demand (Refresh), not
 * polled; "Download CSV" gives the by-country table for the city's report.
 */
export function KpiSection({ t, language }: { t: T; language: string }) {
  const [kpis, setKpis] = useState<KpiView | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    setFailed(false);
    fetchKpis().then(setKpis, () => setFailed(true));
  }, []);
  useEffect(load, [load]);

  if (failed) return <p role="alert">{t('common.error')}</p>;
  if (!kpis) return <p>{t('common.loading')}</p>;
  const n = (value: number) => value.toLocaleString(language);
  const cards: [string, number][] = [
    [t('kpi.participants'), kpis.participants.total],
    [t('kpi.countries'), kpis.participants.countries],
    [t('kpi.meetingsAgreed'), kpis.meetings.agreed],
    [t('kpi.meetingsHeld'), kpis.meetings.held],
    [t('kpi.matches'), kpis.matches],
    [t('kpi.booths'), kpis.exhibitors.publishedBooths],
  ];
  const downloadCsv = () => {
    const rows = [
      ['country', 'name', 'participants'],
      ...kpis.participants.byCountry.map((c) => [
        c.country,
        c.country ? countryName(c.country, 'en') : 'unknown',
        String(c.count),
      ]),
    ];
    const text = rows.map((r) => r.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    link.download = 'minato-hall-participants-by-country.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
  };

  return (
    <div className="kpis" data-testid="kpis">
      <dl className="kpis__cards">
        {cards.map(([label, value]) => (
          <div key={label} className="kpis__card">
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {t('kpi.detail', {
          registered: n(kpis.participants.registered),
          guests: n(kpis.participants.guests),
          upcoming: n(kpis.meetings.upcoming),
          talkNow: n(kpis.meetings.talkNow),
          cancelled: n(kpis.meetings.cancelled + kpis.meetings.declined),
          messages: n(kpis.chatMessages),
        })}
      </p>
      <p className="muted">{t('kpi.definitions')}</p>
      <table className="organiser-table kpis__countries">
        <caption>{t('kpi.byCountry')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kpi.country')}</th>
            <th scope="col">{t('kpi.participants')}</th>
          </tr>
        </thead>
        <tbody>
          {kpis.participants.byCountry.map((c) => (
            <tr key={c.country || 'unknown'}>
              <th scope="row">
                {c.country ? (
                  <>
                    <CountryFlag code={c.country} language={language} /> {countryName(c.country, language)}
                  </>
                ) : (
                  t('kpi.unknownCountry')
                )}
              </th>
              <td>{n(c.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="organiser-inline">
        <button type="button" className="button button--quiet button--small" onClick={load}>
          {t('kpi.refresh')}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={downloadCsv}>
          {t('kpi.csv')}
        </button>
        <span className="muted">
          {t('kpi.asOf', { time: new Date(kpis.generatedAt).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-GB') })}
        </span>
      </p>
    </div>
  );
}
