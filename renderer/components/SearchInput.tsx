// The search box of list pages: its placeholder is also its accessible name, and it filters as you type.
import { Input } from 'antd';

export function SearchInput({ label, value, onChange, width, className }: { label: string; value: string; onChange: (value: string) => void; width?: number; className?: string }) {
  return (
    <Input.Search
      className={className}
      placeholder={label}
      aria-label={label}
      allowClear
      value={value}
      onChange={(e) => onChange(e.target.value)}
      style={width === undefined ? undefined : { width }}
    />
  );
}
