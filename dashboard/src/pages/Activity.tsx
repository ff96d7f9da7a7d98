import { ActivityFeed } from '../components/ActivityFeed';
import { PageHeader } from '../components/ui';

export default function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity" description="Everything happening across your business, as it happens." />
      <ActivityFeed />
    </>
  );
}
