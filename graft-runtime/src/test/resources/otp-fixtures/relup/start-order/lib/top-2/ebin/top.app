{application,top,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['top.T']},
              {registered,[]},
              {applications,[kernel,stdlib]},
              {included_applications,[inc]}]}.
