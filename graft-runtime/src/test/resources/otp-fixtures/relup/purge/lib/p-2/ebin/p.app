{application,p,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['p.Soft','p.Mixed','p.Srv','p.Brutal']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
