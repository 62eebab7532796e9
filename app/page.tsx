import { DashboardLoader } from './dashboard-loader';

export default function Page() {
  return <DashboardLoader />;
}
